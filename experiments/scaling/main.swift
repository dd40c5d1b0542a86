// scaling: written next.
print("scaling: not yet implemented")
