def greet(name):
    print("hi", name)
    return name


def main():
    greet("world")
    greet("everyone")
    return 0
