../foo
