using System.Globalization;
using System.Text;

namespace Platform.Sdk.Client;

/// <summary>Builds "path?a=1&amp;b=2" from the parameters that have a value.</summary>
internal static class QueryString
{
    public static string Build(string path, params (string Name, object? Value)[] parameters)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(Format(value)));
            separator = '&';
        }
        return text.ToString();
    }

    public static string Segment(Guid id) => id.ToString("D");

    private static string Format(object value) => value switch
    {
        DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
