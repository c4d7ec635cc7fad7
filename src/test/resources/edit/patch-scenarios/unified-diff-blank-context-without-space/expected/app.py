def greet(name):
    print("hello", name)
    return name


def main():
    greet("world")
    greet("you")
    return 0
