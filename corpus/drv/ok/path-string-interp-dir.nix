"${../data/dir}/sub"
