let greet = { __functor = self: name: "hi ${name}"; }; in greet "bob"
