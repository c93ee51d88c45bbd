using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Fengqiao.Hosting;

/// <summary>Registers a Fengqiao desk, its store, sweep, telemetry and health check with a host's services.</summary>
public static class FengqiaoServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="FengqiaoOptions"/> from the <c>Fengqiao</c> section of <paramref name="configuration"/> and registers,
    /// as singletons: the <see cref="CountyProfile"/>, its <see cref="BusinessCalendar"/>, the <see cref="ICaseStore"/> and its
    /// <see cref="ICaseListing"/> (every store kind answers listing queries), the composed <see cref="CountyDesk"/> and its <see cref="CaseDesk"/>, <see cref="FengqiaoTelemetry"/>,
    /// <see cref="FengqiaoSweeper"/>; the hosted sweep service; and the health check named <c>fengqiao</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (its <c>Fengqiao</c> section is bound).</param>
    /// <param name="configure">Adjusts the desk before it is built (a seeded query-code generator, a policy…); optional.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <remarks>
    /// The clock is the registered <see cref="IClock"/> (when none is registered, the registered <see cref="TimeProvider"/>'s UTC time, by default the system's);
    /// the sweep's timer uses the registered <see cref="TimeProvider"/>. Nothing is loaded or opened here: the profile is
    /// read and the store created when the desk is first resolved, which throws
    /// <see cref="FengqiaoConfigurationException"/> for bad settings and the profile loader's exception (file, line,
    /// column) for a bad profile. The container disposes the store when the host stops.
    /// Resolving never waits on the network: a PostgreSQL store (<see cref="PostgreSqlCaseStore.Create"/>) opens — checks
    /// and migrates its schema — asynchronously on its first operation; if the server cannot be reached, that operation
    /// throws <see cref="PostgreSqlCaseStoreException"/> and the next one tries again, and until it opens the health
    /// check reports the store unhealthy with the reason.
    /// On PostgreSQL the hosted sweep uses a second desk built the same way (<paramref name="configure"/> is invoked for it
    /// too) on this node's sweeper view (<see cref="PostgreSqlCaseStore.ForSweeper"/>, named by
    /// <see cref="FengqiaoOptions.SweeperName"/>), so the sweeps of many nodes on one database act on each due case once.
    /// </remarks>
    public static IServiceCollection AddFengqiao(this IServiceCollection services, IConfiguration configuration, Action<CountyDeskBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FengqiaoOptions>().Bind(configuration.GetSection(FengqiaoOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(sp => new TimeProviderClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => LoadProfile(sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<CountyProfile>().BuildCalendar());
        services.TryAddSingleton(sp => LoadQueryCodeKey(sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value));
        services.TryAddSingleton(sp => OpenStore(sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value, sp.GetRequiredService<BusinessCalendar>(), sp.GetRequiredService<QueryCodeKeyBytes>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value;
            var county = BuildCounty(sp, sp.GetRequiredService<ICaseStore>(), configure);
            var logger = sp.GetRequiredService<ILogger<FengqiaoTelemetry>>();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var storeKind = options.Store.ToString();
                Log.DeskBuilt(logger, county.Profile.Name, storeKind);
            }

            return county;
        });
        services.TryAddSingleton(sp => SweepTarget(sp, configure));
        services.TryAddSingleton(sp => sp.GetRequiredService<CountyDesk>().Desk);
        services.TryAddSingleton(sp => sp.GetRequiredService<ICaseStore>() as ICaseListing
            ?? throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":Store", "the registered case store does not answer listing queries (ICaseListing)"));
        services.TryAddSingleton<FengqiaoTelemetry>();
        services.TryAddSingleton(sp => new FengqiaoSweeper(
            sp.GetRequiredService<CountyDesk>(), sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<FengqiaoTelemetry>(), sp.GetRequiredService<ILogger<FengqiaoSweeper>>(), sp.GetRequiredService<FengqiaoSweepTarget>()));
        services.AddHostedService<FengqiaoSweepService>();
        services.AddHealthChecks().AddCheck<FengqiaoHealthCheck>("fengqiao");
        return services;
    }

    private static CountyDesk BuildCounty(IServiceProvider sp, ICaseStore store, Action<CountyDeskBuilder>? configure)
    {
        var options = sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value;
        var builder = new CountyDeskBuilder(sp.GetRequiredService<CountyProfile>())
            .UseCalendar(sp.GetRequiredService<BusinessCalendar>())
            .UseStore(store)
            .UseClock(sp.GetRequiredService<IClock>())
            .UseQueryCodeKey(new QueryCodeKey(sp.GetRequiredService<QueryCodeKeyBytes>().Bytes.Span))
            .UseRetiredQueryCodeKeys(sp.GetRequiredService<QueryCodeKeyBytes>().Retired);
        if (store is IDuplicateDetector durable)
        {
            // The durable stores got the window when they were opened, and are the desk's detector (also when the
            // desk's store is a sweeper's view of one).
            builder.UseDuplicateDetector(durable);
        }
        else if (options.DuplicateWindow is { } window)
        {
            builder.UseDuplicateDetector(new RecentReportDuplicateDetector(Duration.FromTimeSpan(window)));
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>On PostgreSQL, a second desk whose store is this node's sweeper view (claims with SKIP LOCKED and a
    /// lease), so that many nodes sweeping one database act on each due case once; otherwise no target (the desk sweeps
    /// its own due list).</summary>
    private static FengqiaoSweepTarget SweepTarget(IServiceProvider sp, Action<CountyDeskBuilder>? configure)
    {
        var options = sp.GetRequiredService<IOptions<FengqiaoOptions>>().Value;
        if (sp.GetRequiredService<ICaseStore>() is not PostgreSqlCaseStore postgres)
        {
            return new FengqiaoSweepTarget(null, null);
        }

        var name = string.IsNullOrWhiteSpace(options.SweeperName)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"
            : options.SweeperName;
        PostgreSqlSweepStore view;
        try
        {
            view = postgres.ForSweeper(new PostgreSqlSweepOptions
            {
                Sweeper = name,
                Clock = sp.GetRequiredService<IClock>(),
                Lease = Duration.FromTimeSpan(options.SweepLease),
                BatchSize = options.SweepBatchSize,
            });
        }
        catch (ArgumentException e)
        {
            throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":SweeperName", e.Message);
        }

        return new FengqiaoSweepTarget(BuildCounty(sp, view, configure).Desk, view);
    }

    private static CountyProfile LoadProfile(FengqiaoOptions options)
    {
        const string Section = FengqiaoOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ProfilePath))
        {
            throw new FengqiaoConfigurationException(Section + ":ProfilePath", "no county profile is configured; name its YAML file.");
        }

        if (!File.Exists(options.ProfilePath))
        {
            throw new FengqiaoConfigurationException(Section + ":ProfilePath", $"the profile '{Path.GetFullPath(options.ProfilePath)}' does not exist.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            throw new FengqiaoConfigurationException(Section + ":SweepInterval", $"must be positive, not {options.SweepInterval}.");
        }

        if (options.SweepLease < TimeSpan.FromSeconds(1) || options.SweepLease > TimeSpan.FromDays(1))
        {
            throw new FengqiaoConfigurationException(Section + ":SweepLease", $"must be from one second to one day, not {options.SweepLease}.");
        }

        if (options.SweepBatchSize is < 1 or > 100_000)
        {
            throw new FengqiaoConfigurationException(Section + ":SweepBatchSize", $"must be from 1 to 100000, not {options.SweepBatchSize}.");
        }

        if (options.DuplicateWindow is { } window && window <= TimeSpan.Zero)
        {
            throw new FengqiaoConfigurationException(Section + ":DuplicateWindow", $"must be positive, not {window}.");
        }

        var profile = CountyProfileLoader.LoadFile(options.ProfilePath);
        if (options.TimeZone is { } zone && !string.Equals(zone, profile.Zone.Id, StringComparison.Ordinal))
        {
            throw new FengqiaoConfigurationException(Section + ":TimeZone", $"'{zone}' differs from the profile's time zone '{profile.Zone.Id}'.");
        }

        return profile;
    }

    private static QueryCodeKeyBytes LoadQueryCodeKey(FengqiaoOptions options)
    {
        const string Section = FengqiaoOptions.SectionName;
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(options.QueryCodeKey))
        {
            try
            {
                bytes = Convert.FromBase64String(options.QueryCodeKey);
            }
            catch (FormatException)
            {
                throw new FengqiaoConfigurationException(Section + ":QueryCodeKey", "is not base64.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.QueryCodeKeyFile))
        {
            try
            {
                bytes = File.ReadAllBytes(options.QueryCodeKeyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FengqiaoConfigurationException(Section + ":QueryCodeKeyFile", $"the key file '{Path.GetFullPath(options.QueryCodeKeyFile)}' cannot be read ({e.GetType().Name}).");
            }
        }
        else
        {
            throw new FengqiaoConfigurationException(Section + ":QueryCodeKey",
                "no query-code key is configured; set QueryCodeKey (base64) or QueryCodeKeyFile to the county's key (at least 16 random bytes, the same on every node).");
        }

        if (bytes.Length < Cases.QueryCodes.QueryCodeKey.MinimumLength)
        {
            throw new FengqiaoConfigurationException(Section + (string.IsNullOrWhiteSpace(options.QueryCodeKey) ? ":QueryCodeKeyFile" : ":QueryCodeKey"),
                $"the key has {bytes.Length} bytes; a query-code key needs at least {Cases.QueryCodes.QueryCodeKey.MinimumLength}.");
        }

        var current = new QueryCodeKey(bytes);
        var retired = new List<QueryCodeKey>();
        for (var i = 0; i < options.RetiredQueryCodeKeys.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{Section}:RetiredQueryCodeKeys:{i}");
            byte[] old;
            try
            {
                old = Convert.FromBase64String(options.RetiredQueryCodeKeys[i] ?? "");
            }
            catch (FormatException)
            {
                throw new FengqiaoConfigurationException(name, "is not base64.");
            }

            retired.Add(RetiredKey(name, old, current, retired));
        }

        for (var i = 0; i < options.RetiredQueryCodeKeyFiles.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{Section}:RetiredQueryCodeKeyFiles:{i}");
            byte[] old;
            try
            {
                old = File.ReadAllBytes(options.RetiredQueryCodeKeyFiles[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new FengqiaoConfigurationException(name, $"the key file '{options.RetiredQueryCodeKeyFiles[i]}' cannot be read ({e.GetType().Name}).");
            }

            retired.Add(RetiredKey(name, old, current, retired));
        }

        return new QueryCodeKeyBytes(bytes, [.. retired]);
    }

    private static QueryCodeKey RetiredKey(string name, byte[] bytes, QueryCodeKey current, List<QueryCodeKey> before)
    {
        if (bytes.Length < Cases.QueryCodes.QueryCodeKey.MinimumLength)
        {
            throw new FengqiaoConfigurationException(name,
                string.Create(CultureInfo.InvariantCulture, $"the key has {bytes.Length} bytes; a query-code key needs at least {Cases.QueryCodes.QueryCodeKey.MinimumLength}."));
        }

        var key = new QueryCodeKey(bytes);
        if (key.Id == current.Id)
        {
            throw new FengqiaoConfigurationException(name, $"is the current query-code key ({key.Id}); a key is either current or retired.");
        }

        return before.Any(k => k.Id == key.Id)
            ? throw new FengqiaoConfigurationException(name, $"repeats the retired key {key.Id}.")
            : key;
    }

    private static ICaseStore OpenStore(FengqiaoOptions options, BusinessCalendar calendar, QueryCodeKeyBytes key)
    {
        switch (options.Store)
        {
            case FengqiaoStoreKind.InMemory:
                return new InMemoryCaseStore();
            case FengqiaoStoreKind.Sqlite when string.IsNullOrWhiteSpace(options.Connection):
                throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":Connection", "the SQLite store needs a database file path.");
            case FengqiaoStoreKind.Sqlite:
                return SqliteCaseStore.Open(options.Connection!, calendar, new SqliteCaseStoreOptions { DuplicateWindow = Window(options), QueryCodeKey = key.Bytes });
            case FengqiaoStoreKind.PostgreSql when string.IsNullOrWhiteSpace(options.Connection):
                throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":Connection", "the PostgreSQL store needs a connection string (Host=…;Database=…;Username=…).");
            case FengqiaoStoreKind.PostgreSql:
                try
                {
                    // A synchronous factory does no I/O: the store checks (and migrates) its schema asynchronously on its
                    // first operation, once; a failed open is the operation's PostgreSqlCaseStoreException and is retried
                    // by the next one (the health check's probe is such an operation).
                    return PostgreSqlCaseStore.Create(options.Connection!, calendar, new PostgreSqlCaseStoreOptions { DuplicateWindow = Window(options), QueryCodeKey = key.Bytes });
                }
                catch (ArgumentException e)
                {
                    throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":Connection", e.Message);
                }

            default:
                throw new FengqiaoConfigurationException(FengqiaoOptions.SectionName + ":Store", $"'{options.Store}' is not a store kind (Sqlite, PostgreSql, InMemory).");
        }
    }

    private static Duration Window(FengqiaoOptions options) =>
        options.DuplicateWindow is { } window ? Duration.FromTimeSpan(window) : Duration.FromDays(7);

    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
    }

    /// <summary>The county's query-code key as configured, registered once so the store and every desk use the same bytes.</summary>
    private sealed record QueryCodeKeyBytes(ReadOnlyMemory<byte> Bytes, ImmutableArray<QueryCodeKey> Retired);
}
