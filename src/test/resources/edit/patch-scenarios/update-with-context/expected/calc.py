def add(a, b):
    return a + b


def sub(a, b):
    result = a - b
    return result
