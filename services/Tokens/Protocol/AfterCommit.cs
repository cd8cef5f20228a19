namespace Platform.Tokens.Protocol;

/// <summary>
/// An answer that first makes a committed change hold in this replica's memory (a revoked family or access
/// token in the denylist). Wolverine writes an endpoint's answer after its transaction commits, so the caller
/// hears of a revocation only once this replica refuses what it revoked; the others apply it when notified.
/// </summary>
public sealed class AfterCommit(Action apply, IResult answer) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        apply();
        return answer.ExecuteAsync(http);
    }
}
