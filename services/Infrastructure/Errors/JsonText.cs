using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// One pass over a JSON body for what no route accepts, naming the field: a <c>null</c> document, and
/// strings (values or property names) holding NUL or an unpaired surrogate, and bytes that are not UTF-8
/// (binders throw on those in ways no handler maps to a 4xx). Malformed JSON is left to the endpoint's own
/// binding, which answers it.
/// </summary>
public static class JsonText
{
    /// <param name="nullAllowed">The route's body is optional, so <c>null</c> reads as no body.</param>
    public static string? Problem(ReadOnlySpan<byte> json, bool nullAllowed = false)
    {
        if (!Utf8.IsValid(json)) return "the body is not valid UTF-8 JSON";
        var reader = new Utf8JsonReader(json);
        // names[d] is the property whose value sits at depth d; an array element has none of its own.
        // Note: rented, as every JSON request (verify's included) comes through here; only the used depths are ever read.
        var names = ArrayPool<string?>.Shared.Rent(reader.CurrentState.Options.MaxDepth + 2);
        try
        {
            if (!reader.Read()) return null;
            if (reader.TokenType == JsonTokenType.Null && !nullAllowed) return "the body must be a JSON object";
            do
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        names[reader.CurrentDepth + 1] = null;
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Read(ref reader, names, reader.CurrentDepth - 1, "property names");
                        if (name.Problem is { } badName) return badName;
                        names[reader.CurrentDepth] = name.Text;
                        break;
                    // An unescaped value cannot hold either (see Read): not even decoded.
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        if (Read(ref reader, names, reader.CurrentDepth, "a string").Problem is { } badValue) return badValue;
                        break;
                }
            } while (reader.Read());
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(names, clearArray: true);
        }
        return null;
    }

    private static (string? Text, string? Problem) Read(ref Utf8JsonReader reader, string?[] names, int depth, string fallback)
    {
        // Unescaped UTF-8 is validated by the reader and cannot hold NUL; only escapes (\u0000, \ud800) can.
        if (!reader.ValueIsEscaped) return (reader.GetString(), null);
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return (null, $"{Field(names, depth, fallback)} must be valid Unicode text (no unpaired surrogate escapes)");
        }
        return text.Contains('\0') ? (null, $"{Field(names, depth, fallback)} must not contain the NUL character (U+0000)") : (text, null);
    }

    private static string Field(string?[] names, int depth, string fallback)
    {
        var path = string.Join('.', names.Skip(1).Take(Math.Max(0, depth)).Where(n => n is not null));
        return path.Length == 0 ? fallback : fallback == "property names" ? $"{path} keys" : path;
    }
}
