1 + /* inside */ 2 # end
