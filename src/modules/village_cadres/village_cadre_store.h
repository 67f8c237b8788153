// Village cadres as the other modules read them: posts held in a village, checks that a village or
// a person may be written by the caller, and the posts' names. Shared by village_cadres, training
// and economy.
// Thread-safety: free functions over a Connection (inside Database::Read / Write).
#pragma once

#include <string>
#include <vector>

#include "http/router.h"
#include "store/database.h"

namespace zx {

// 党组织书记, 村委会主任, 副书记, 支委委员, 村委委员, 监委会主任, 监委委员.
const std::vector<std::string>& VillagePosts();
bool IsVillagePost(const std::string& post);
const char* VillagePostTitle(const std::string& post);
// 优秀 / 称职 / 基本称职 / 不称职.
bool IsSecretaryRating(const std::string& rating);
const char* SecretaryRatingTitle(const std::string& rating);

// A village the caller may write into: a 12-digit village code inside the scope that exists.
Result<std::string> VillageForWrite(Connection& c, const Caller& caller, const std::string& input, const std::string& field);
// A person of the registry inside the caller's scope; InvalidArgument naming `field` otherwise.
Status PersonForWrite(Connection& c, const Caller& caller, int64_t person_id, const std::string& field);

struct CadrePost {
  int64_t post_id = 0;
  std::string village_code, village_name, township_code, township_name;
  int64_t person_id = 0;
  std::string name, sex, birth_date, education;
  std::string post, term_start, term_end, end_reason;
};

// Posts in villages of `range` held at some time between `from` and `to` (days, inclusive),
// ordered by village, then post order, then start.
Result<std::vector<CadrePost>> PostsHeld(Connection& c, const CodeRange& range, const std::string& from, const std::string& to);
// Every post row of the villages of `range`, ended or not (the history).
Result<std::vector<CadrePost>> PostHistory(Connection& c, const CodeRange& range);

// Whole years of age on `day`, or -1 without a birth date.
int PostHolderAge(const std::string& birth_date, const std::string& day);

}  // namespace zx
