import MHC
import MHCHarness

/// Every declaration's runs, by experiment: what tests use to check that every committed result
/// is found through a declaration (none is left to a parsed id).
public enum ExperimentRegistry {
  /// The experiments declared here.
  public static let experiments = [
    StabilityDesign.experiment, InstabilityDesign.experiment, SinkhornDesign.experiment, ComponentsDesign.experiment,
    ExpansionDesign.experiment, ScalingDesign.experiment, VisionDesign.experiment, MappingsDesign.experiment,
    ManifoldsDesign.experiment,
  ]

  /// Every run id a preset of `experiment` declares, with up to `seeds` seeds per variant
  /// (retired and longer cells included).
  public static func declaredIDs(_ experiment: String, seeds: Int = ResultStore.seedsLookedFor) -> Set<String> {
    func ids<D: ExperimentDesign>(_ d: D, _ cells: [D.Cell]) -> [String] {
      cells.flatMap { c in d.variants(c).flatMap { v in (0..<seeds).map { d.run(c, v, seed: $0).id } } }
        + d.others.map(\.id)
    }
    var out: [String] = []
    for p in [Preset.quick, .paper] {
      switch experiment {
      case StabilityDesign.experiment:
        let d = StabilityDesign(preset: p, seeds: seeds, stress: true)
        out += ids(d, d.cells)
      case InstabilityDesign.experiment:
        let d = InstabilityDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells + InstabilityDesign.longer)
      case SinkhornDesign.experiment:
        let d = SinkhornDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      case ComponentsDesign.experiment:
        let d = ComponentsDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      case ExpansionDesign.experiment:
        let d = ExpansionDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      case ScalingDesign.experiment:
        let d = ScalingDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      case VisionDesign.experiment:
        let d = VisionDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells + VisionDesign.retired)
      case MappingsDesign.experiment:
        let d = MappingsDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      case ManifoldsDesign.experiment:
        let d = ManifoldsDesign(preset: p, seeds: seeds)
        out += ids(d, d.cells)
      default: break
      }
    }
    return Set(out)
  }
}
