let out = "$out"; in ''
  mkdir -p ${out}/bin
  for f in *; do
    echo "$f" > ''${f}.txt
  done
''
