using Extractor.Model;
using Extractor.Segmentation;

namespace Extractor.Mapping;

/// <summary>One observed table row split into its label cells and its figure cells.</summary>
public sealed record RowView(TableRow Source, List<string> Labels, List<Cell> Values)
{
    public string LabelText => string.Join(" ", Labels);

    /// <summary>
    /// Splits a row. With <paramref name="valueStart"/> (a grid whose header showed where the figures
    /// begin), cells left of it are labels. Otherwise the label is the text before the first figure:
    /// labels come first in every layout of the template.
    /// </summary>
    public static RowView Build(TableRow source, int? valueStart)
    {
        var cells = source.Table.OriginCells(source.Row).ToList();
        if (valueStart is int start)
        {
            return new RowView(
                source,
                cells.Where(c => c.Column < start && c.Text.Length > 0).Select(c => c.Text).ToList(),
                cells.Where(c => c.Column >= start).ToList());
        }
        // The label is the run of text before the first figure; a text cell after a figure is a
        // figure that could not be read (it must be flagged, never taken for a label or for 0).
        var firstFigure = cells.FindIndex(c => c.Text.Length > 0 && CellValueParser.IsValueLike(c.Text));
        var last = -1;
        for (var i = 0; i < (firstFigure < 0 ? cells.Count : firstFigure); i++)
        {
            if (cells[i].Text.Length > 0 && !CellValueParser.IsValueLike(cells[i].Text))
            {
                last = i;
            }
        }
        return new RowView(
            source,
            cells.Take(last + 1).Where(c => c.Text.Length > 0).Select(c => c.Text).ToList(),
            cells.Skip(last + 1).ToList());
    }
}
