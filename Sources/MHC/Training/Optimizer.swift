import Foundation

/// An optimizer updates one parameter tensor at a time from its gradient.
public protocol Optimizer {
  associatedtype T: Scalar
  /// Updates `count` values at `values` (offset `offset` in the store) from `grads` with
  /// learning rate `lr`; `decay` says whether weight decay applies.
  mutating func update(
    _ values: UnsafeMutablePointer<T>, grads: UnsafePointer<T>, offset: Int, count: Int,
    lr: Double, decay: Bool)
  /// Called once per step before the per-tensor updates.
  mutating func beginStep()
}

extension Optimizer {
  /// Updates every trainable tensor of `store`.
  public mutating func step(_ store: ParameterStore<T>, lr: Double) {
    beginStep()
    for info in store.infos where !info.frozen {
      update(
        store.values + info.offset, grads: store.grads + info.offset, offset: info.offset, count: info.count,
        lr: lr * info.lrScale, decay: info.decay)
    }
  }
}

/// AdamW with decoupled weight decay (Loshchilov & Hutter):
///
///     m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
///     p ← p − lr · ( m/(1 − β₁ᵗ) / (√(v/(1 − β₂ᵗ)) + ε) + λ p )      (λ = 0 where decay is off)
///
/// Defaults (the reference configuration): β = (0.9, 0.95), ε = 1e−8, λ = 0.1 on matrices only.
public struct AdamW<T: Scalar>: Optimizer {
  public var beta1 = 0.9, beta2 = 0.95, epsilon = 1e-8, weightDecay = 0.1
  /// Steps taken so far.
  public var t = 0
  public var m: [T]
  public var v: [T]

  public init(parameterCount: Int, weightDecay: Double = 0.1) {
    m = [T](repeating: 0, count: parameterCount)
    v = [T](repeating: 0, count: parameterCount)
    self.weightDecay = weightDecay
  }

  public mutating func beginStep() { t += 1 }

  public mutating func update(
    _ values: UnsafeMutablePointer<T>, grads: UnsafePointer<T>, offset: Int, count: Int,
    lr: Double, decay: Bool
  ) {
    let b1 = T(beta1), b2 = T(beta2), eps = T(epsilon)
    let c1 = T(1 / (1 - pow(beta1, Double(t)))), c2 = T(1 / (1 - pow(beta2, Double(t))))
    let lrT = T(lr), wd = decay ? T(weightDecay) : 0
    m.withUnsafeMutableBufferPointer { mb in
      v.withUnsafeMutableBufferPointer { vb in
        let mp = mb.baseAddress! + offset, vp = vb.baseAddress! + offset
        Parallel.rows(count, grain: 8192) { range in  // elementwise: any split gives the same bits
          for i in range {
            let g = grads[i]
            mp[i] = b1 * mp[i] + (1 - b1) * g
            vp[i] = b2 * vp[i] + (1 - b2) * g * g
            let mhat = mp[i] * c1, vhat = vp[i] * c2
            values[i] -= lrT * (mhat / (vhat.squareRoot() + eps) + wd * values[i])
          }
        }
      }
    }
  }
}

/// Global gradient norm `‖g‖₂` over all trainable tensors, accumulated in Double.
public func gradientNorm<T: Scalar>(_ store: ParameterStore<T>) -> Double {
  var s = 0.0
  for info in store.infos where !info.frozen {
    let g = store.grads + info.offset
    for i in 0..<info.count { let x = Double(g[i]); s += x * x }
  }
  return s.squareRoot()
}

/// Global-norm clipping as PyTorch's `clip_grad_norm_` does it: with
/// `coef = maxNorm / (norm + 1e−6)`, all gradients are scaled by `coef` when it is below 1.
/// Returns the pre-clip norm.
///
/// The `1e−6` is PyTorch's guard against a zero norm; it is kept so that training steps
/// match an independent PyTorch-style implementation to float64 rounding (the trajectory
/// test): without it every clipped step differs by ~1e−6 relative, which Adam carries into
/// the next steps.
@discardableResult
public func clipGradients<T: Scalar>(_ store: ParameterStore<T>, maxNorm: Double) -> Double {
  let norm = gradientNorm(store)
  let coef = maxNorm / (norm + 1e-6)
  if norm.isFinite && coef < 1 {
    let scale = T(coef)
    for i in 0..<store.count { store.grads[i] *= scale }
  }
  return norm
}

/// Learning rate over training: linear warmup to `peak` over `warmup` steps, then the
/// paper's step decay, ×0.316 from 80% and ×0.1 from 90% of `steps`.
///
/// ```swift
/// let s = LearningRateSchedule(peak: 3e-3, warmup: 15, steps: 300)
/// s.rate(at: 0)    // 2e-4 (= peak · 1/15)
/// s.rate(at: 250)  // 9.48e-4
/// ```
public struct LearningRateSchedule: Codable, Sendable, Equatable {
  public var peak: Double
  public var warmup: Int
  public var steps: Int
  public init(peak: Double, warmup: Int, steps: Int) { self.peak = peak; self.warmup = warmup; self.steps = steps }

  /// The rate used for step `step` (0-based).
  public func rate(at step: Int) -> Double {
    if step < warmup { return peak * Double(step + 1) / Double(warmup) }
    if Double(step) >= 0.9 * Double(steps) { return peak * 0.1 }
    if Double(step) >= 0.8 * Double(steps) { return peak * 0.316 }
    return peak
  }
}
