using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study.Export;

/// <summary>The README that ships with every export: every column of every file, and how values are coded.</summary>
public static class Codebook
{
    public static string Markdown(string studyName, bool includesSimulated, bool includesPilot) => $$"""
        # Export of "{{studyName}}" — codebook

        Files: `events.csv` (one row per interaction event), `questionnaires.csv` (one row per questionnaire item, plus
        derived score rows), `participants.csv` (one row per participant), `study.json` (the design), this README and, last,
        `manifest.json`: `complete` (true) and `rows`, the number of data rows (header not counted) of each CSV by file
        name. Check the row counts against the files: an export is complete only when they match. The same content
        is available as one JSON document (`export.json`), whose last property `row_counts` gives the same counts.
        Every download is prepared in full before its first byte is sent: when reading the data fails, you get an error
        (HTTP 500) instead of a file. Encoding UTF-8, RFC 4180 CSV, comma
        separated, `.` decimal separator, empty cell = missing. Times are UTC milliseconds since the Unix epoch.

        Participants are identified only by pseudonyms: `P001…` real, `X001…` pilot (researcher preview), `S001…`
        simulated. Link codes and imported external IDs are never exported.
        This export {{(includesSimulated ? "INCLUDES" : "excludes")}} simulated participants and {{(includesPilot ? "INCLUDES" : "excludes")}} pilot participants.
        Withdrawn participants have no data (it was deleted on withdrawal).

        ## events.csv
        | column | meaning |
        |---|---|
        | event_id | Unique, increasing event number (orders events that share a millisecond). |
        | timestamp_ms | When the event happened, UTC ms since 1970-01-01. |
        | timestamp_utc | The same as ISO 8601 (`yyyy-MM-ddTHH:mm:ss.fffZ`). |
        | participant | Pseudonym (see above). |
        | participant_kind | `Real`, `Pilot` or `Simulated`. |
        | trial_index | 0-based position of the trial in this participant's counterbalanced order; empty for study-level events (consent, end questionnaire, completion). |
        | condition | Condition name of the trial (empty for study-level events). |
        | task | Task title of the trial (empty for study-level events). |
        | event_type | What happened (list below). |
        | session_id | The workspace session of the trial (random id; links events of one trial). |
        | payload_json | Event details as JSON (ids, lengths, durations; never chat text). |

        Every event type (`event_type`), with what it means and what its payload holds (payloads carry ids, lengths and
        durations, never chat text):

        | event_type | meaning |
        |---|---|
        {{EventTable()}}

        Time on task = `task_end.timestamp_ms − task_start.timestamp_ms` of the same trial (also in `durationMs`).

        ## questionnaires.csv
        | column | meaning |
        |---|---|
        | participant, participant_kind | As in events.csv. |
        | trial_index, condition, task | The trial the questionnaire followed; empty for the end-of-study questionnaire. |
        | instrument | `NASA-TLX` (raw TLX), `SUS`, `Likert` (custom item) or `Text` (custom free text). |
        | item_key | NASA-TLX: `mental`, `physical`, `temporal`, `performance`, `effort`, `frustration`. SUS: `q1`…`q10`. Custom items: the question's id (see study.json). Derived rows: `score`. |
        | item_index | 1-based position of the item within its instrument. |
        | value | NASA-TLX 0–100 in steps of 5 (performance: 0 = perfect, 100 = failure); SUS 1 = strongly disagree … 5 = strongly agree; Likert 1…points. Derived rows: the score. |
        | text | Free-text answer (Text items only). Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe (`'`); this holds for every text cell of every CSV. |
        | timestamp_ms | When the questionnaire was submitted. |
        | derived | `1` for computed rows: NASA-TLX `score` = raw TLX, the unweighted mean of the six subscales (0–100); SUS `score` = Brooke's SUS, sum of (odd items − 1) and (5 − even items) × 2.5 (0–100). `0` for answers. |

        ## participants.csv
        | column | meaning |
        |---|---|
        | participant, participant_kind | As above. |
        | status | `Invited` (never started), `InProgress`, `Completed`, `Withdrawn`. |
        | sequence | Counterbalancing ordinal (0-based, per participant kind): within-subject condition order = row (sequence mod rows) of a balanced Latin square. |
        | condition_order | Conditions of the trials in order, separated by ` > `. |
        | task_order | Tasks of the trials in order, separated by ` > `. |
        | consented_ms, completed_ms | When the participant consented / completed (UTC ms). |
        | completion_code | The participant's own completion code, shown to them on the last page (the study's code plus a random part; empty until they complete). Match it with the codes participants submit on a crowd platform. |

        ## study.json
        The design at export time: name, design (Within/Between), task-order rotation, tasks (id, title, instructions,
        time limit, seed request), conditions (id, name, enabled features, model, system prompt), custom questions
        (id, scope, kind, text, points, labels) and which standard questionnaires run after each task and at the end.
        """;

    /// <summary>The rows of the event-type table: the whole catalogue, so an export never holds a type it does not explain.</summary>
    private static string EventTable() =>
        string.Join("\n", EventTypes.All.Select(t => $"| `{t.Name}` | {t.Meaning.Replace("|", "\\|")} |"));
}
