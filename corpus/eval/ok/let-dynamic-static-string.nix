let ${"k"} = 5; in k
