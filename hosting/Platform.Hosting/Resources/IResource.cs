namespace Platform.Hosting;

/// <summary>Anything the AppHost runs or points at: a server, a database, a project.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource others reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString : IResource;

/// <summary>A resource others reach through <c>services__&lt;name&gt;__http__&lt;i&gt;</c>.</summary>
public interface IResourceWithServiceDiscovery : IResource;

/// <summary>A resource that runs as processes we give environment variables to.</summary>
public interface IResourceWithEnvironment : IResource;
