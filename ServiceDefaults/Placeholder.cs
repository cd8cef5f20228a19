namespace Platform.ServiceDefaults;
internal static class Placeholder;
