namespace Platform.Hosting;

/// <summary>The app could not start or keep running; the message is the one line printed to the person.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
