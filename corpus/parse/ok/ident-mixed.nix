let foo-bar'baz_1 = 1; in foo-bar'baz_1
