{ a = throw "from attr"; }.a
