// sinkhorn-iterations: written next.
print("sinkhorn-iterations: not yet implemented")
