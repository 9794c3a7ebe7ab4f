using Microsoft.Extensions.Options;

namespace ChatOps.Hosting;

internal static class OptionsRegistration
{
    /// <summary>
    /// Binds a section strictly (an unknown key is an error, so a typo cannot silently fall back to
    /// a default) and validates it when the host starts.
    /// </summary>
    public static OptionsBuilder<T> AddChatOpsOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>>? validate = null)
        where T : class, new()
    {
        // Bind once now so a bad value or an unknown key stops start-up before anything else runs.
        configuration.Read<T>(section);
        var builder = services.AddOptions<T>()
            .Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (validate is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new DelegateValidator<T>(validate));
        }

        return builder;
    }

    /// <summary>Reads a section now, for registrations that need values before the container exists.</summary>
    public static T Read<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("ErrorOnUnknownConfiguration", StringComparison.Ordinal))
        {
            // The innermost message lists the unknown names: "... on the instance of X: 'Foo', 'Bar'".
            var detail = ex;
            while (detail.InnerException is InvalidOperationException inner)
            {
                detail = inner;
            }

            var names = detail.Message[(detail.Message.LastIndexOf(": ", StringComparison.Ordinal) + 2)..];
            throw new StartupException(section, $"unknown setting {names} (see appsettings.example.json for the valid keys)");
        }
    }

    private sealed class DelegateValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = validate(options).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
