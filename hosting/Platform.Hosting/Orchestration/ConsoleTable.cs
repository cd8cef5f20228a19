using System.Text;

namespace Platform.Hosting.Orchestration;

/// <summary>The one table printed when everything is healthy: resource, state, URL(s).</summary>
internal static class ConsoleTable
{
    public sealed record Row(string Resource, string State, string Urls, bool IsPublic);

    public static string Render(IReadOnlyList<Row> rows)
    {
        string[] header = ["Resource", "State", "URL"];
        var cells = rows.Select(r => new[] { r.Resource, r.State, r.Urls + (r.IsPublic ? "   <- open this" : "") }).ToList();
        var widths = Enumerable.Range(0, 3).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();

        var text = new StringBuilder();
        string Rule(char left, char mid, char right) => left + string.Join(mid, widths.Select(w => new string('─', w + 2))) + right;
        void Line(string[] row) => text.AppendLine("│ " + string.Join(" │ ", row.Select((c, i) => c.PadRight(widths[i]))) + " │");

        text.AppendLine(Rule('┌', '┬', '┐'));
        Line(header);
        text.AppendLine(Rule('├', '┼', '┤'));
        cells.ForEach(Line);
        text.Append(Rule('└', '┴', '┘'));
        foreach (var open in rows.Where(r => r.IsPublic)) text.AppendLine().Append($"{open.Resource}: {open.Urls}");
        return text.ToString();
    }
}
