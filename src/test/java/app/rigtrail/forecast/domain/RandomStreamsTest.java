package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** A stream's numbers read one at a time are the numbers the stream itself gives, bit for bit. */
class RandomStreamsTest {

    @Test
    void anyNumberOfAStreamReadOnItsOwnIsTheStreamsOwn() {
        SplittableRandom seeds = new SplittableRandom(7);
        for (int trial = 0; trial < 1_000; trial++) {
            long seed = seeds.nextLong();
            int key = seeds.nextInt(1 << 20);
            int replication = seeds.nextInt(100_000);
            long streamSeed = RandomStreams.seedOf(seed, RandomStreams.SHIPMENTS, key, replication);
            SplittableRandom stream = RandomStreams.stream(seed, RandomStreams.SHIPMENTS, key, replication);
            for (int i = 0; i < 6; i++) {
                double u = RandomStreams.uniform(streamSeed, i);
                assertEquals(Double.doubleToRawLongBits(stream.nextDouble()), Double.doubleToRawLongBits(u),
                        "number " + i + " of the stream of seed " + seed);
            }
        }
        // a neighbouring key or replication gives another stream
        assertNotEquals(RandomStreams.uniform(RandomStreams.seedOf(42, RandomStreams.SHIPMENTS, 1, 0), 0),
                RandomStreams.uniform(RandomStreams.seedOf(42, RandomStreams.SHIPMENTS, 2, 0), 0));
        assertNotEquals(RandomStreams.uniform(RandomStreams.seedOf(42, RandomStreams.SHIPMENTS, 1, 0), 0),
                RandomStreams.uniform(RandomStreams.seedOf(42, RandomStreams.SHIPMENTS, 1, 1), 0));
    }
}
