namespace Platform.Bench;

/// <summary>A generated table between two markers of bench/README.md, replaced by the run that measured it.</summary>
public static class Section
{
    public static void Replace(string readme, string begin, string end, string table)
    {
        var text = File.ReadAllText(readme);
        int from = text.IndexOf(begin, StringComparison.Ordinal), to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from) throw new InvalidOperationException($"{readme} has no {begin} … {end} section to replace");
        File.WriteAllText(readme, text[..(from + begin.Length)] + "\n" + table + text[to..]);
        Console.WriteLine($"written to {readme}");
    }
}
