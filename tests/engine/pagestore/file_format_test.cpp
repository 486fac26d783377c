#include <gtest/gtest.h>

#include <cstring>

#include "base/hash.h"
#include "pagestore/file_format.h"

using namespace quiver;
using namespace quiver::pagestore;

TEST(XxHash64, KnownVectors) {
    // Reference values of the published algorithm.
    EXPECT_EQ(xxhash64("", 0, 0), 0xEF46DB3751D8E999ULL);
    EXPECT_EQ(xxhash64("a", 1, 0), 0xD24EC4F1A98C6E5BULL);
    const char* s = "Nobody inspects the spammish repetition";
    EXPECT_EQ(xxhash64(s, std::strlen(s), 0), 0xFBCEA83C8A378BF1ULL);
}

TEST(FileHeader, RoundTripAndChecksum) {
    FileHeader h;
    h.page_size = 16384;
    h.iteration = 77;
    h.page_count = 12;
    h.map_root = 5;
    h.map_depth = 1;
    h.logical_count = 9;
    h.uuid[3] = 0xAB;
    std::vector<uint8_t> slot(kHeaderSlotSize);
    encode_header(h, slot.data());
    EXPECT_EQ(std::memcmp(slot.data(), "QUIVERDB", 8), 0);
    FileHeader d;
    ASSERT_EQ(decode_header(slot.data(), d), HeaderStatus::Valid);
    EXPECT_EQ(d.iteration, 77u);
    EXPECT_EQ(d.map_root, 5u);
    EXPECT_EQ(d.uuid[3], 0xAB);
    slot[33] ^= 1;  // any damage is detected
    EXPECT_EQ(decode_header(slot.data(), d), HeaderStatus::BadChecksum);
    std::vector<uint8_t> zero(kHeaderSlotSize);
    EXPECT_EQ(decode_header(zero.data(), d), HeaderStatus::NoMagic);
}

TEST(PageChecksum, SeededByPhysicalPage) {
    std::vector<uint8_t> page(4096, 7);
    seal_page(page.data(), 4096, 10);
    EXPECT_TRUE(verify_page(page.data(), 4096, 10));
    EXPECT_FALSE(verify_page(page.data(), 4096, 11));  // misdirected write
    page[2000] ^= 0x10;
    EXPECT_FALSE(verify_page(page.data(), 4096, 10));
}
