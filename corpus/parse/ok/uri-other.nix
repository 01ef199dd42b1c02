[ mirror://gnu/hello.tar.gz git+ssh://git@example.com:repo.git urn:isbn:12345 ]
