// expansion: written next.
print("expansion: not yet implemented")
