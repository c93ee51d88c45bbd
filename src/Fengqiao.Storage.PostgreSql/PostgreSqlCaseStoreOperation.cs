namespace Fengqiao.Storage.PostgreSql;

/// <summary>What a <see cref="PostgreSqlCaseStore"/> was doing when it failed (<see cref="PostgreSqlCaseStoreException.Operation"/>).</summary>
public enum PostgreSqlCaseStoreOperation
{
    /// <summary>Opening the store: connecting, checking the schema, migrating it.</summary>
    Open,

    /// <summary><see cref="PostgreSqlCaseStore.LoadAsync"/>.</summary>
    Load,

    /// <summary><see cref="PostgreSqlCaseStore.FindByQueryCodeAsync"/>.</summary>
    FindByQueryCode,

    /// <summary><see cref="PostgreSqlCaseStore.ReadEventsAsync"/>.</summary>
    ReadEvents,

    /// <summary><see cref="PostgreSqlCaseStore.AppendAsync"/>.</summary>
    Append,

    /// <summary><see cref="PostgreSqlCaseStore.ListDueAsync"/>.</summary>
    ListDue,

    /// <summary>Claiming due cases for a sweeper (<see cref="PostgreSqlSweepStore.ListDueAsync"/>).</summary>
    Claim,

    /// <summary>Releasing a sweeper's claims (<see cref="PostgreSqlSweepStore.ReleaseAsync"/>).</summary>
    Release,

    /// <summary>Checking every case's hash chain and derived columns (<see cref="PostgreSqlCaseStore.VerifyAsync"/>).</summary>
    Verify,

    /// <summary>Erasing one case's personal data (<see cref="PostgreSqlCaseStore.EraseReporterAsync"/>).</summary>
    EraseReporter,

    /// <summary><see cref="PostgreSqlCaseStore.ListAsync"/>.</summary>
    List,

    /// <summary><see cref="PostgreSqlCaseStore.CountAsync"/>.</summary>
    Count,

    /// <summary><see cref="PostgreSqlCaseStore.FindDuplicateAsync"/>.</summary>
    FindDuplicate,

    /// <summary>Rebuilding every case's derived columns from its events (<see cref="PostgreSqlCaseStore.RepairAsync"/>).</summary>
    Repair,
}
