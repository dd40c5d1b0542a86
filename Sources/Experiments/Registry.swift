import MHC
import MHCHarness

/// Every declaration's runs, by experiment: what tests use to check that every committed result
/// is found through a declaration (none is left to a parsed id).
public enum ExperimentRegistry {
  /// Each declared experiment and how to make its declaration for a preset and a seed count.
  static var entries: [(experiment: String, ids: (Preset, Int) -> [String])] {
    [
      entry { StabilityDesign(preset: $0, seeds: $1, stress: true) },
      entry { InstabilityDesign(preset: $0, seeds: $1) }, entry { SinkhornDesign(preset: $0, seeds: $1) },
      entry { ComponentsDesign(preset: $0, seeds: $1) }, entry { ExpansionDesign(preset: $0, seeds: $1) },
      entry { ScalingDesign(preset: $0, seeds: $1) }, entry { VisionDesign(preset: $0, seeds: $1) },
      entry { MappingsDesign(preset: $0, seeds: $1) }, entry { ManifoldsDesign(preset: $0, seeds: $1) },
    ]
  }

  /// Every run id of `make(preset, seeds)`: its cells and archived cells with `seeds` seeds, and its other runs.
  static func entry<D: ExperimentDesign>(
    _ make: @escaping (Preset, Int) -> D
  ) -> (String, (Preset, Int) -> [String]) {
    (
      D.experiment,
      { preset, seeds in
        let d = make(preset, seeds)
        return (d.cells + d.archivedCells).flatMap { c in
          d.variants(c).flatMap { v in (0..<seeds).map { d.run(c, v, seed: $0).id } }
        } + d.others.map(\.id)
      }
    )
  }

  /// The experiments declared here.
  public static var experiments: [String] { entries.map(\.experiment) }

  /// Every run id a preset of `experiment` declares, with up to `seeds` seeds per variant
  /// (archived cells included).
  public static func declaredIDs(_ experiment: String, seeds: Int = ResultStore.seedsLookedFor) -> Set<String> {
    guard let e = entries.first(where: { $0.experiment == experiment }) else { return [] }
    return Set([Preset.quick, .paper].flatMap { e.ids($0, seeds) })
  }
}
