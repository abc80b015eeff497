package dev.offboarding.suprsend.notification;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps at most {@code limit} bytes of a response body and then cancels the rest, which closes the
 * connection: a receiver cannot make the worker hold (or wait for) more than that, however much it
 * sends.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

  private final int limit;
  private final ByteArrayOutputStream kept;
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(int limit) {
    this.limit = limit;
    this.kept = new ByteArrayOutputStream(Math.min(limit, 1024));
  }

  /** A handler whose bodies are the first {@code limit} bytes, as UTF-8 text. */
  static HttpResponse.BodyHandler<String> atMost(int limit) {
    return info -> new BoundedBody(limit);
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), limit - kept.size());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      kept.write(chunk, 0, take);
    }
    if (kept.size() >= limit) {
      subscription.cancel();
      finish();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    finish();
  }

  private void finish() {
    result.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8));
  }
}
