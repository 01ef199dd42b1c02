http://example.org/foo?bar=baz&x=1
