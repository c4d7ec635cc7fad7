a = 10
b = 2
    if y:
        go()
