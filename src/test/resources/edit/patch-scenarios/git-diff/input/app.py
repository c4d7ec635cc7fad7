def greet(name):
    print("hello", name)
    return name


def main():
    greet("world")
    greet("reaper")
    return 0
