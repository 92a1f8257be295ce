// Placeholder until the backbone app is wired (issue #3).
#include <iostream>

int main() {
  std::cerr << "backbone: not implemented yet\n";
  return 2;
}
