using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Data;

public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>Rows per table in the source and the target after a copy.</summary>
public sealed record CopyReport(IReadOnlyList<(string Table, long Source, long Target)> Tables)
{
    public bool CountsEqual => Tables.All(t => t.Source == t.Target);

    public string ToText()
    {
        var text = new StringBuilder($"{"table",-32} {"source",10} {"target",10}\n");
        foreach (var (table, source, target) in Tables)
            text.AppendLine($"{table,-32} {source,10} {target,10}{(source == target ? "" : "  MISMATCH")}");
        text.Append(CountsEqual ? "All row counts are equal." : "Row counts differ: the copy is incomplete.");
        return text.ToString();
    }
}

/// <summary>
/// Copies an existing SQLite database (a lab's laptop) into the configured, empty PostgreSQL database, every schema
/// and every table, principals before dependents, then checks the row counts. The source is only read.
/// </summary>
public sealed class DatabaseCopier(IOptions<DataOptions> options, DatabaseMigrator migrator, IEnumerable<IDatabaseSchema> schemas, ILogger<DatabaseCopier> logger)
{
    private const int BatchSize = 1000;

    public async Task<CopyReport> CopyFromSqliteAsync(string source, CancellationToken ct = default)
    {
        var data = options.Value;
        if (data.Provider != DataProvider.PostgreSQL)
            throw new DatabaseCopyException("The copy goes into PostgreSQL: set Data:Provider=PostgreSQL and Data:ConnectionString (or ConnectionStrings:PersonaExplorer) for the target.");
        var sourceConnection = source.Contains('=') ? source : File.Exists(source)
            ? $"Data Source={Path.GetFullPath(source)};Mode=ReadOnly;Pooling=False"
            : throw new DatabaseCopyException($"No SQLite database at {source}.");
        var target = data.ResolveConnectionString();

        foreach (var schema in schemas)
        {
            await using var db = schema.Open(DataProvider.Sqlite, sourceConnection);
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                throw new DatabaseCopyException($"The SQLite database's {schema.Name} schema is not current: start this version of the app on it once (or run `migrate` with Data:Provider=Sqlite) and copy again.");
        }
        await migrator.MigrateAsync(ct);
        foreach (var schema in schemas)
        {
            await using var db = schema.Open(DataProvider.PostgreSQL, target);
            foreach (var type in TablesInInsertOrder(db.Model))
                if (await CountAsync(db, type, ct) > 0)
                    throw new DatabaseCopyException($"The PostgreSQL database is not empty ({type.GetTableName()} has rows); copy into a new, empty database.");
        }

        var counts = new List<(string, long, long)>();
        foreach (var schema in schemas)
        {
            await using var from = schema.Open(DataProvider.Sqlite, sourceConnection);
            foreach (var type in TablesInInsertOrder(from.Model))
            {
                var copied = await (Task<long>)CopyMethod.MakeGenericMethod(type.ClrType).Invoke(null, [from, (Func<DbContext>)(() => schema.Open(DataProvider.PostgreSQL, target)), ct])!;
                logger.LogInformation("Copied {Rows} row(s) of {Table}", copied, type.GetTableName());
            }
            await using var to = schema.Open(DataProvider.PostgreSQL, target);
            await ResetIdentitySequencesAsync(to, ct);
            foreach (var type in TablesInInsertOrder(from.Model))
                counts.Add((type.GetTableName()!, await CountAsync(from, type, ct), await CountAsync(to, type, ct)));
        }
        return new CopyReport(counts);
    }

    /// <summary>Entity types mapped to tables, each after the tables its foreign keys point to.</summary>
    internal static IReadOnlyList<IEntityType> TablesInInsertOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type)) return;
            foreach (var fk in type.GetForeignKeys())
                if (fk.PrincipalEntityType != type) Visit(fk.PrincipalEntityType);
            ordered.Add(type);
        }
        foreach (var type in types.OrderBy(t => t.GetTableName(), StringComparer.Ordinal)) Visit(type);
        return ordered;
    }

    private static readonly MethodInfo CopyMethod = typeof(DatabaseCopier).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CountMethod = typeof(DatabaseCopier).GetMethod(nameof(CountTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<long> CountAsync(DbContext db, IEntityType type, CancellationToken ct) =>
        (Task<long>)CountMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, ct])!;

    private static Task<long> CountTableAsync<T>(DbContext db, CancellationToken ct) where T : class => db.Set<T>().LongCountAsync(ct);

    private static async Task<long> CopyTableAsync<T>(DbContext from, Func<DbContext> openTarget, CancellationToken ct) where T : class
    {
        long copied = 0;
        var batch = new List<T>(BatchSize);
        async Task FlushAsync()
        {
            await using var to = openTarget();
            to.Set<T>().AddRange(batch);
            await to.SaveChangesAsync(ct);
            copied += batch.Count;
            batch.Clear();
        }
        await foreach (var row in from.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == BatchSize) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
        return copied;
    }

    /// <summary>Rows keep their numeric ids; PostgreSQL's identity sequences must then continue after the highest one.</summary>
    private static async Task ResetIdentitySequencesAsync(DbContext db, CancellationToken ct)
    {
        foreach (var type in TablesInInsertOrder(db.Model))
        {
            if (type.FindPrimaryKey()?.Properties is not [var key] || key.ValueGenerated != ValueGenerated.OnAdd
                || (key.ClrType != typeof(int) && key.ClrType != typeof(long))) continue;
            var table = type.GetTableName()!;
            var column = key.GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()));
            var quotedTable = $"\"{table}\"";
#pragma warning disable EF1002 // names come from the model, not from input
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{quotedTable}', '{column}'), (SELECT COALESCE(MAX(\"{column}\"), 0) + 1 FROM {quotedTable}), false);", ct);
#pragma warning restore EF1002
        }
    }
}
