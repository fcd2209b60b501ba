// SHA-256 against the FIPS 180-4 examples and the padding boundaries (55, 56 and 64 bytes).
#include <string>

#include "traces/sha256.h"

#include "CppUTest/TestHarness.h"

using resvcheck::traces::sha256_hex;

TEST_GROUP(Sha256){};

TEST(Sha256, KnownDigests) {
  STRCMP_EQUAL("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               sha256_hex("").c_str());
  STRCMP_EQUAL("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
               sha256_hex("abc").c_str());
  STRCMP_EQUAL("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
               sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").c_str());
}

TEST(Sha256, PaddingBoundaries) {
  // 55 bytes fit one padded block; 56 need a second; 64 fill a block exactly.
  STRCMP_EQUAL("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
               sha256_hex(std::string(55, 'a')).c_str());
  STRCMP_EQUAL("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
               sha256_hex(std::string(56, 'a')).c_str());
  STRCMP_EQUAL("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
               sha256_hex(std::string(64, 'a')).c_str());
}
