/// The unconstrained control of the manifold family: `H_res = exp(logits)`, no projection at
/// all — what ``SinkhornKnopp`` computes at `t_max = 0`, whatever `t_max` the run asks for.
/// Its gains are free to grow, which is the point of comparing it with the others.
public enum Unconstrained: ManifoldProjection {
  public static let name = "none"
  public static let help = "exp, unconstrained"
  public static let published = "unconstrained exp(logits) (t_max = 0): the control the paper's Fig. 2 argues against"
  public static var bounded: Bool { false }
  public static var iterates: Bool { false }

  public static func scratchCount(n: Int, iterations: Int) -> Int { SinkhornKnopp.scratchCount(n: n, iterations: 0) }

  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch: UnsafeMutablePointer<T>
  ) {
    SinkhornKnopp.forward(
      logits: logits, output: output, count: count, n: n, iterations: 0,
      scratch: Optional(scratch))
  }

  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
    dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    SinkhornKnopp.backward(
      logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n, iterations: 0,
      accumulate: false, scratch: scratch)
  }
}
