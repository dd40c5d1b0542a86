// components: written next.
print("components: not yet implemented")
