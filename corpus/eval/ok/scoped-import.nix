scopedImport { x = 41; } ./scoped-import-target.txt
