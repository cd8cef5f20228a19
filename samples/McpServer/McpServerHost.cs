namespace Platform.Samples.McpServer;

/// <summary>Names this assembly for test hosts (its entry point is the top-level Program).</summary>
public sealed class McpServerHost;
