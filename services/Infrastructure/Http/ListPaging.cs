namespace Platform.Infrastructure.Http;

/// <summary>
/// What every list endpoint takes besides its filters: <c>q</c> (<see cref="SearchText"/>), <c>limit</c> and the
/// cursor <c>after</c>, the last id of the page before. Ids are UUIDv7 (time-ordered), so keyset paging by id, newest
/// first, is stable while items are added.
/// </summary>
public sealed record ListPaging(string? Search, int Size, Guid? After)
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    /// <param name="anId">What an id is, for the refusal of a malformed cursor ("a key id").</param>
    public static (ListPaging? Paging, string? Problem) Parse(string? q, string? limit, string? after, string anId)
    {
        var (search, badSearch) = SearchText.Parse(q);
        if (badSearch is not null) return (null, badSearch);
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit)) return (null, $"limit must be between 1 and {MaxLimit}");
        Guid? cursor = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var id)) return (null, $"after must be {anId}");
            cursor = id;
        }
        return (new ListPaging(search, size, cursor), null);
    }

    /// <summary>
    /// A page from the <see cref="Size"/> + 1 items read newest first: at most <see cref="Size"/> views, and the id to
    /// pass as <c>after</c> when there are more.
    /// </summary>
    public (List<TView> Items, Guid? Next) Page<T, TView>(IReadOnlyList<T> read, Func<T, TView> view, Func<TView, Guid> id)
    {
        var items = read.Take(Size).Select(view).ToList();
        return (items, read.Count > Size ? id(items[^1]) : null);
    }
}
