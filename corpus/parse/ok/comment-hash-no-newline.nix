1 #end
