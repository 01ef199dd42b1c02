''   hello''
