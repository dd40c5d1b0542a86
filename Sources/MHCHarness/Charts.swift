import Foundation
import MHC

/// One curve of a chart.
public struct Series: Sendable {
  public var title: String
  public var color: String
  public var points: [(Double, Double)]
  /// gnuplot style: "lines", "linespoints", "points".
  public var style: String
  /// gnuplot dash type (1 = solid).
  public var dash: Int
  public var width: Double

  public init(
    _ title: String, color: String? = nil, points: [(Double, Double)], style: String = "lines",
    dash: Int = 1, width: Double = 2
  ) {
    self.title = title; self.color = color ?? PlotStyle.color(for: title); self.points = points
    self.style = style; self.dash = dash; self.width = width
  }
}

/// One set of axes.
public struct Panel: Sendable {
  public var title: String
  public var xlabel: String
  public var ylabel: String
  public var logx = false
  public var logy = false
  public var series: [Series]
  /// Extra gnuplot commands (ranges, reference lines, labels) before `plot`.
  public var extra: [String] = []

  public init(
    title: String = "", xlabel: String, ylabel: String, logx: Bool = false, logy: Bool = false,
    series: [Series], extra: [String] = []
  ) {
    self.title = title; self.xlabel = xlabel; self.ylabel = ylabel; self.logx = logx; self.logy = logy
    self.series = series; self.extra = extra
  }
}

/// Line charts in the house style: one or more panels (multiplot), one datablock per series,
/// the data inline in the `.gp` script.
///
/// ```swift
/// let mhc = Series("mhc", points: [(0, 5.5), (100, 2.6), (300, 2.1)])
/// let fig = Chart.figure("loss", panels: [Panel(xlabel: "step", ylabel: "loss", series: [mhc])])
/// try Gnuplot.render(fig, in: "plots")
/// ```
public enum Chart {
  public static func figure(
    _ name: String, title: String = "", panels: [Panel], columns: Int? = nil,
    width: Int? = nil, height: Int? = nil
  ) -> GnuplotFigure {
    let cols = columns ?? panels.count
    let rows = (panels.count + cols - 1) / cols
    var blocks: [GnuplotFigure.Datablock] = []
    var body: [String] = []
    if panels.count > 1 || !title.isEmpty {
      body.append("set multiplot layout \(rows),\(cols)" + (title.isEmpty ? "" : " title \(quote(title)) font ',13'"))
    }
    for (pi, panel) in panels.enumerated() {
      body.append("reset")  // each panel starts clean (datablocks survive), then re-applies the house style
      body.append(contentsOf: PlotStyle.axesStyle)
      body.append("set title \(quote(panel.title))")
      body.append("set xlabel \(quote(panel.xlabel))")
      body.append("set ylabel \(quote(panel.ylabel))")
      body.append(panel.logx ? "set logscale x" : "unset logscale x")
      body.append(panel.logy ? "set logscale y" : "unset logscale y")
      body.append(contentsOf: panel.extra)
      var plots: [String] = []
      for (si, s) in panel.series.enumerated() where !s.points.isEmpty {
        let block = "p\(pi)s\(si)"
        blocks.append(.init(name: block, rows: s.points.map { [$0.0, $0.1] }))
        let pt = s.style == "lines" ? "" : " pt 7 ps 0.8"
        plots.append(
          "$\(block) using 1:2 with \(s.style) lc rgb '\(s.color)' lw \(s.width) dt \(s.dash)\(pt) title "
            + "\(quote(s.title))"
        )
      }
      body.append(
        plots.isEmpty
          ? "set label 'no data' at graph 0.5, graph 0.5 center\nplot NaN notitle"
          : "plot " + plots.joined(separator: ", \\\n     "))
    }
    if panels.count > 1 || !title.isEmpty { body.append("unset multiplot") }
    return GnuplotFigure(
      name: name, body: body.joined(separator: "\n"), datablocks: blocks,
      width: width ?? (cols == 1 ? PlotStyle.size.width : 560 * cols),
      height: height ?? (rows == 1 ? PlotStyle.size.height : 420 * rows))
  }

  public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}

/// Markdown tables for `summary.md` files and `compare`.
public struct MarkdownTable {
  public var header: [String]
  public var rows: [[String]] = []
  public init(_ header: [String]) { self.header = header }
  public mutating func add(_ row: [String]) { rows.append(row) }
  public var text: String {
    let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
    return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}

/// Formats a number for tables: `nil` → "–", else `digits` significant digits.
public func cell(_ x: Double?, _ digits: Int = 4) -> String {
  guard let x else { return "–" }
  if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
  return String(format: "%.\(digits)g", x)
}

/// One labelled `n×n` matrix of a heat-map grid.
public struct HeatMap: Sendable {
  public var title: String
  public var n: Int
  /// Row-major values.
  public var values: [Double]
  public init(title: String, n: Int, values: [Double]) { self.title = title; self.n = n; self.values = values }
}

extension Chart {
  /// A grid of heat maps (one row of panels per entry of `rows`), each cell printed with its
  /// value and each panel with its row and column sums: the paper's Fig. 8 layout, for any
  /// number of sublayers. Blue is negative, white 0, red positive (`cbrange ±range`).
  ///
  /// ```swift
  /// let m = [Double](repeating: 0.25, count: 16)   // H_res = J/4, row-major
  /// let fig = Chart.heatmaps("x-hres", title: "H_res", rows: [[HeatMap(title: "sublayer 1", n: 4, values: m)]])
  /// ```
  public static func heatmaps(
    _ name: String, title: String, rows: [[HeatMap]], range: Double = 1.5,
    cellWidth: Int = 300, cellHeight: Int = 300
  ) -> GnuplotFigure {
    let cols = rows.map(\.count).max() ?? 1
    var blocks: [GnuplotFigure.Datablock] = []
    var body = ["set multiplot layout \(rows.count),\(cols) title \(quote(title)) font ',12'"]
    for (ri, row) in rows.enumerated() {
      for ci in 0..<cols {
        body.append("reset")
        guard ci < row.count else { body.append("unset border; unset tics; set key off; plot NaN notitle"); continue }
        let h = row[ci], n = h.n, m = h.values, block = "hm\(ri)_\(ci)"
        blocks.append(.init(name: block, rows: (0..<n).map { i in (0..<n).map { j in m[i * n + j] } }))
        let rs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + m[i * n + $1] } }
        let cs = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + m[$1 * n + j] } }
        body.append("set title \(quote(h.title)) font ',10'")
        body.append(
          "unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,\(n - 1); set ytics 0,1,\(n - 1)")
        body.append("set xrange [-0.5:\(Double(n) - 0.5)]; set yrange [\(Double(n) - 0.5):-0.5]")
        body.append(
          "set xlabel \(quote("col sums " + cs.map { String(format: "%.2f", $0) }.joined(separator: " "))) font ',8'")
        body.append(
          "set ylabel \(quote("row sums " + rs.map { String(format: "%.2f", $0) }.joined(separator: " "))) font ',8'")
        body.append("set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-\(range):\(range)]")
        if n <= 6 {
          for i in 0..<n {
            for j in 0..<n {
              body.append(
                "set label '\(String(format: "%.2f", m[i * n + j]))' at \(j),\(i) center front font "
                  + "',\(n <= 4 ? 8 : 6)'"
              )
            }
          }
        }
        body.append("plot $\(block) matrix with image")
      }
    }
    body.append("unset multiplot")
    return GnuplotFigure(
      name: name, body: body.joined(separator: "\n"), datablocks: blocks,
      width: cellWidth * cols, height: cellHeight * rows.count + 40)
  }
}

/// One panel of a phase map: a value per (row, column) cell, shown as colour and, with a note, as text.
public struct PhasePanel: Sendable {
  public var title: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// `values[row][column]`; `nil` is an empty (grey) cell.
  public var values: [[Double?]]
  /// Text printed in each cell (several lines with `\n`).
  public var notes: [[String]]
  public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]], notes: [[String]]) {
    self.title = title; self.rowLabels = rowLabels; self.columnLabels = columnLabels
    self.values = values; self.notes = notes
  }
}

extension Chart {
  /// Phase maps side by side: each panel a grid of cells coloured blue (negative) – white (0) –
  /// red (positive) over `±range`, empty cells grey, each cell with its note; row 0 at the top.
  ///
  /// ```swift
  /// let p = PhasePanel(title: "HC − residual", rowLabels: ["4", "16"], columnLabels: ["3e-3"],
  ///                    values: [[-0.02], [0.3]], notes: [["−0.02"], ["+0.30\nspike"]])
  /// let fig = Chart.phaseMaps("phase", title: "final loss gap", panels: [p], xlabel: "lr", ylabel: "layers",
  ///                           range: 0.5)
  /// try Gnuplot.render(fig, in: "plots")
  /// ```
  public static func phaseMaps(
    _ name: String, title: String, panels: [PhasePanel], xlabel: String, ylabel: String,
    range: Double, cellWidth: Int = 150, cellHeight: Int = 110
  ) -> GnuplotFigure {
    var blocks: [GnuplotFigure.Datablock] = []
    var body = ["set multiplot layout 1,\(panels.count) title \(quote(title)) font ',12'"]
    let rows = panels.map(\.rowLabels.count).max() ?? 1, cols = panels.map(\.columnLabels.count).max() ?? 1
    for (pi, p) in panels.enumerated() {
      let block = "phase\(pi)"
      // one row per cell (column, row, value): boxes, not `matrix with image`, which cannot draw a
      // grid that is one cell wide or tall
      blocks.append(
        .init(
          name: block,
          rows: p.values.enumerated().flatMap { i, row in
            row.enumerated().compactMap { j, v in v.map { [Double(j), Double(i), $0] } }
          }))
      body.append("reset")
      body.append("set title \(quote(p.title)) font ',11'")
      body.append("unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'")
      body.append("set xlabel \(quote(xlabel)); set ylabel \(quote(ylabel))")
      body.append(
        "set xtics (" + p.columnLabels.enumerated().map { "\(quote($0.element)) \($0.offset)" }.joined(separator: ", ")
          + ")")
      body.append(
        "set ytics (" + p.rowLabels.enumerated().map { "\(quote($0.element)) \($0.offset)" }.joined(separator: ", ")
          + ")")
      body.append(
        "set xrange [-0.5:\(Double(p.columnLabels.count) - 0.5)]; set yrange [\(Double(p.rowLabels.count) - 0.5):-0.5]")
      body.append("set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-\(range):\(range)]")
      body.append("set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder")
      for (i, row) in p.notes.enumerated() {
        for (j, note) in row.enumerated() where !note.isEmpty {
          let lines = note.split(separator: "\n").map(String.init)
          for (k, line) in lines.enumerated() {  // one label per line, centred on the cell
            let dy = Double(lines.count - 1) / 2 - Double(k)
            body.append("set label \(quote(line)) at \(j),\(i) center front font ',9' offset 0,\(dy)")
          }
        }
      }
      body.append("set style fill solid 1.0 noborder")
      body.append("plot $\(block) using 1:2:(0.5):(0.5):3 with boxxyerror lc palette")
    }
    body.append("unset multiplot")
    return GnuplotFigure(
      name: name, body: body.joined(separator: "\n"), datablocks: blocks,
      width: max(420, cellWidth * cols + 160) * panels.count, height: cellHeight * rows + 180)
  }
}
