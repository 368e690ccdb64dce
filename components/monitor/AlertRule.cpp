#include "components/monitor/AlertRule.h"

#include <cctype>
#include <cstdlib>
#include <sstream>

namespace sb::comp {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parseNumber(const std::string& word, double& out) {
    if (word.empty())
        return false;
    char* end = nullptr;
    out = std::strtod(word.c_str(), &end);
    return end == word.c_str() + word.size();
}

bool validMetric(const std::string& m) {
    if (m.empty())
        return false;
    for (char c : m)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
            return false;
    return true;
}

/// "5s", "500ms", "2m" or "5" (seconds) to seconds.
bool parseDuration(std::string word, double& seconds) {
    double scale = 1;
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "ms") == 0) {
        scale = 0.001;
        word.resize(word.size() - 2);
    } else if (!word.empty() && (word.back() == 's' || word.back() == 'm')) {
        scale = word.back() == 'm' ? 60 : 1;
        word.pop_back();
    }
    return parseNumber(word, seconds) && seconds >= 0 && (seconds *= scale, true);
}

} // namespace

bool AlertRule::holds(double value) const {
    switch (comparison) {
    case Comparison::Above:
        return value > threshold;
    case Comparison::AtLeast:
        return value >= threshold;
    case Comparison::Below:
        return value < threshold;
    case Comparison::AtMost:
        return value <= threshold;
    }
    return false;
}

std::vector<AlertRule> AlertRule::parseAll(const std::string& text, std::string& error) {
    std::vector<AlertRule> rules;
    std::string normalised = text;
    for (char& c : normalised)
        if (c == '\n')
            c = ';';
    std::istringstream parts(normalised);
    std::string part;
    int number = 0;
    while (std::getline(parts, part, ';')) {
        const std::string ruleText = trim(part);
        ++number;
        if (ruleText.empty())
            continue;
        const std::string where = "rule " + std::to_string(number) + " '" + ruleText + "'";
        std::istringstream words(ruleText);
        std::vector<std::string> w;
        for (std::string word; words >> word;)
            w.push_back(word);
        AlertRule rule;
        rule.text = ruleText;
        if (w.size() != 3 && w.size() != 5) {
            error = where + ": expected 'metric > threshold for 5s'";
            return {};
        }
        rule.metric = w[0];
        if (!validMetric(rule.metric)) {
            error = where + ": '" + w[0] + "' is not a metric name";
            return {};
        }
        if (w[1] == ">")
            rule.comparison = Comparison::Above;
        else if (w[1] == ">=")
            rule.comparison = Comparison::AtLeast;
        else if (w[1] == "<")
            rule.comparison = Comparison::Below;
        else if (w[1] == "<=")
            rule.comparison = Comparison::AtMost;
        else {
            error = where + ": comparison must be >, >=, < or <=, got '" + w[1] + "'";
            return {};
        }
        if (!parseNumber(w[2], rule.threshold)) {
            error = where + ": threshold '" + w[2] + "' is not a number";
            return {};
        }
        if (w.size() == 5 && (w[3] != "for" || !parseDuration(w[4], rule.windowSeconds))) {
            error = where + ": window must read 'for 5s' (ms, s or m)";
            return {};
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

} // namespace sb::comp
