using Extractor.Model;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Turns decoded pages into blocks in reading order:
/// 1. lattice tables on pages whose rules form frames;
/// 2. headers, footers and page numbers found across pages and dropped;
/// 3. stream tables where aligned number columns remain (recorded as a fallback warning);
/// 4. the rest as paragraphs;
/// 5. tables and paragraphs continued over a page break joined.
/// </summary>
internal static class PageLayoutBuilder
{
    private abstract record Item(int Page, double Top);
    private sealed record TableItem(GridTable Table) : Item(Table.Page, Table.Box.Y1);
    private sealed record ProseItem(Paragraph Paragraph) : Item(Paragraph.Page, Paragraph.Box.Y1);

    public static List<Block> Build(IReadOnlyList<PageContent> pages, List<string> warnings, CancellationToken cancellationToken)
    {
        var frames = pages.ToDictionary(p => p.Number, p => p.Frame);
        var tables = new Dictionary<int, List<GridTable>>();
        var remaining = new Dictionary<int, List<Glyph>>();
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = RuledTableDetector.Instance.Detect(page, page.Glyphs);
            tables[page.Number] = found.Tables;
            remaining[page.Number] = page.Glyphs.Where(g => !found.UsedGlyphs.Contains(g)).ToList();
        }

        var furniture = PageFurniture.Find(pages, remaining);
        var items = new List<Item>();
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rest = remaining[page.Number].Where(g => !furniture.Contains(g)).ToList();
            var pageItems = new List<Item>(tables[page.Number].Select(t => new TableItem(t)));
            var lines = LineBuilder.Build(rest);
            if (WhitespaceTableDetector.HasNumberColumns(lines))
            {
                var stream = WhitespaceTableDetector.Instance.Detect(page, rest);
                if (stream.Tables.Count > 0)
                {
                    warnings.Add(tables[page.Number].Count > 0
                        ? $"page {page.Number}: a table outside the ruled frames was read from column alignment (stream); check its columns"
                        : page.Segments.Count > 0
                            ? $"page {page.Number}: ruling lines do not form a grid; table read from column alignment (stream); check its columns"
                            : $"page {page.Number}: no ruling lines; table read from column alignment (stream); check its columns");
                    pageItems.AddRange(stream.Tables.Select(t => new TableItem(t)));
                    lines = LineBuilder.Build(rest.Where(g => !stream.UsedGlyphs.Contains(g)));
                }
            }
            pageItems.AddRange(ProseBuilder.Build(page.Number, lines).Select(p => new ProseItem(p)));
            items.AddRange(pageItems.OrderByDescending(i => i.Top));
        }
        return Emit(JoinAcrossPages(items), frames);
    }

    /// <summary>The last item of a page and the first of the next are one when they continue each other.</summary>
    private static List<Item> JoinAcrossPages(List<Item> items)
    {
        var result = new List<Item>();
        foreach (var item in items)
        {
            var prev = result.Count > 0 ? result[^1] : null;
            var firstOnPage = prev is null || prev.Page != item.Page;
            if (firstOnPage && prev is TableItem a && item is TableItem b && TableJoiner.TryJoin(a.Table, b.Table))
            {
                continue;
            }
            if (firstOnPage && prev is ProseItem p && item is ProseItem q && item.Page == p.Page + 1
                && !p.Paragraph.EndsShort && !q.Paragraph.StartsIndented)
            {
                // A paragraph running over the page break: one block, located where it starts.
                result[^1] = new ProseItem(p.Paragraph with { Text = p.Paragraph.Text + q.Paragraph.Text, EndsShort = q.Paragraph.EndsShort });
                continue;
            }
            result.Add(item);
        }
        return result;
    }

    private static List<Block> Emit(List<Item> items, Dictionary<int, PageFrame> frames)
    {
        var blocks = new List<Block>(items.Count);
        foreach (var item in items)
        {
            if (item is ProseItem p)
            {
                blocks.Add(new TextBlock(p.Paragraph.Text, new Provenance(p.Page, frames[p.Page].ToPageBox(p.Paragraph.Box))));
            }
            else if (item is TableItem t)
            {
                blocks.Add(new TableBlock(ToTable(t.Table, frames)));
            }
        }
        return blocks;
    }

    private static Table ToTable(GridTable table, Dictionary<int, PageFrame> frames)
    {
        var cells = new List<Cell>(table.Cells.Count);
        foreach (var c in table.Cells.OrderBy(c => c.Row).ThenBy(c => c.X0))
        {
            var c0 = table.ColumnOf(c.X0);
            var c1 = table.ColumnOf(c.X1);
            cells.Add(new Cell(c.Row, c0, c.Text, new Provenance(c.Page, frames[c.Page].ToPageBox(c.Box)), c.RowSpan, Math.Max(1, c1 - c0)));
        }
        return new Table(cells, new Provenance(table.Page, frames[table.Page].ToPageBox(table.Box)), table.Strategy);
    }
}
