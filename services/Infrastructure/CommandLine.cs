using JasperFx;
using Microsoft.AspNetCore.Builder;

namespace Platform.Infrastructure;

public static class CommandLine
{
    /// <summary>
    /// Runs JasperFx's commands (<c>codegen write</c>, <c>resources setup</c>, <c>describe</c>, …) when the
    /// first argument names one; otherwise a plain run, without the command scanner's console chatter.
    /// </summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-')) return await app.RunJasperFxCommands(args);
        await app.RunAsync();
        return 0;
    }
}
