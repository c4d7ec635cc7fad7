a = 1   
b = 2
    if x:
        go()
