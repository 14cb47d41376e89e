#include "cadre/dictionary_schema.h"

namespace xr::cadre {

// The national code tables, typed once from the published standards. Labels are the words the
// 干部任免审批表 uses; where a form word differs from the standard's name, the standard's code
// is kept and the form word is the label (the mapping is in docs/api.md, "Dictionaries and
// divisions"). Category headings of a standard that no form writes are left out.
//
// Rows come from VALUES tables (columns column1, column2… on both engines); the sort order is the
// code's number unless given.
std::vector<store::Migration> DictionaryMigrations() {
  return {
      {2026112920, "cadre: dictionaries (字典) seeded with the national code tables", R"sql(
CREATE TABLE dict_items (
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  builtin INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, code),
  UNIQUE (kind, label)
);

-- GB/T 2261.1-2003 性别: forms write 男 / 女 for 男性 / 女性.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'gender', column1, column2, column3, 1 FROM (VALUES
  ('1', '男', 1), ('2', '女', 2), ('0', '未知的性别', 3), ('9', '未说明的性别', 4)) AS v;

-- GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: the 56 groups, 01–56.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'ethnicity', column1, column2, CAST(column1 AS INTEGER), 1 FROM (VALUES
  ('01', '汉族'), ('02', '蒙古族'), ('03', '回族'), ('04', '藏族'), ('05', '维吾尔族'), ('06', '苗族'),
  ('07', '彝族'), ('08', '壮族'), ('09', '布依族'), ('10', '朝鲜族'), ('11', '满族'), ('12', '侗族'),
  ('13', '瑶族'), ('14', '白族'), ('15', '土家族'), ('16', '哈尼族'), ('17', '哈萨克族'), ('18', '傣族'),
  ('19', '黎族'), ('20', '傈僳族'), ('21', '佤族'), ('22', '畲族'), ('23', '高山族'), ('24', '拉祜族'),
  ('25', '水族'), ('26', '东乡族'), ('27', '纳西族'), ('28', '景颇族'), ('29', '柯尔克孜族'), ('30', '土族'),
  ('31', '达斡尔族'), ('32', '仫佬族'), ('33', '羌族'), ('34', '布朗族'), ('35', '撒拉族'), ('36', '毛南族'),
  ('37', '仡佬族'), ('38', '锡伯族'), ('39', '阿昌族'), ('40', '普米族'), ('41', '塔吉克族'), ('42', '怒族'),
  ('43', '乌孜别克族'), ('44', '俄罗斯族'), ('45', '鄂温克族'), ('46', '德昂族'), ('47', '保安族'), ('48', '裕固族'),
  ('49', '京族'), ('50', '塔塔尔族'), ('51', '独龙族'), ('52', '鄂伦春族'), ('53', '赫哲族'), ('54', '门巴族'),
  ('55', '珞巴族'), ('56', '基诺族')) AS v;

-- GB/T 4762-1984 政治面貌: the standard's short names (中共党员 for 中国共产党党员 …).
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'party', column1, column2, CAST(column1 AS INTEGER), 1 FROM (VALUES
  ('01', '中共党员'), ('02', '中共预备党员'), ('03', '共青团员'), ('04', '民革党员'),
  ('05', '民盟盟员'), ('06', '民建会员'), ('07', '民进会员'), ('08', '农工党党员'),
  ('09', '致公党党员'), ('10', '九三学社社员'), ('11', '台盟盟员'), ('12', '无党派人士'),
  ('13', '群众')) AS v;

-- GB/T 4658-2006 学历: the 毕业 code carries the form's word (21 大学本科毕业 → 大学,
-- 31 大学专科毕业 → 大专, 41 中等专科毕业 → 中专, 61 普通高中毕业 → 高中, 71 初中毕业 → 初中,
-- 11/14 → 博士研究生 / 硕士研究生); 10 研究生 is the level when the form does not say which.
-- 结业 and 肄业 keep the standard's names. The other category headings (20, 30, 40, 60, 70,
-- 80) are not written on forms and are left out.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'education_level', column1, column2, CAST(column1 AS INTEGER), 1 FROM (VALUES
  ('10', '研究生'), ('11', '博士研究生'), ('12', '博士研究生结业'), ('13', '博士研究生肄业'),
  ('14', '硕士研究生'), ('15', '硕士研究生结业'), ('16', '硕士研究生肄业'),
  ('17', '研究生班'), ('18', '研究生班结业'), ('19', '研究生班肄业'),
  ('21', '大学'), ('22', '大学本科结业'), ('23', '大学本科肄业'), ('28', '大学普通班'),
  ('31', '大专'), ('32', '大学专科结业'), ('33', '大学专科肄业'),
  ('41', '中专'), ('42', '中等专科结业'), ('43', '中等专科肄业'),
  ('44', '职业高中'), ('45', '职业高中结业'), ('46', '职业高中肄业'),
  ('47', '技工学校'), ('48', '技工学校结业'), ('49', '技工学校肄业'),
  ('61', '高中'), ('62', '普通高中结业'), ('63', '普通高中肄业'),
  ('71', '初中'), ('73', '初中肄业'), ('81', '小学'), ('83', '小学肄业'), ('90', '其他')) AS v;

-- GB/T 6864-2003 学位: the levels (200 博士, 300 硕士, 400 学士), each discipline at each level
-- (level digit ‖ discipline 01–12 of the standard; 13 艺术学, a discipline since 2011, follows
-- the same pattern), 名誉博士 and the professional degrees of the standard.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'degree', column1, column2, CAST(column1 AS INTEGER), 1 FROM (VALUES
  ('100', '名誉博士'), ('200', '博士'), ('300', '硕士'), ('400', '学士'),
  ('245', '临床医学博士'), ('248', '兽医博士'), ('250', '口腔医学博士'),
  ('341', '法律硕士'), ('342', '教育硕士'), ('343', '工程硕士'), ('344', '建筑学硕士'),
  ('345', '临床医学硕士'), ('346', '工商管理硕士'), ('347', '农业推广硕士'), ('348', '兽医硕士'),
  ('349', '公共管理硕士'), ('350', '口腔医学硕士'), ('351', '公共卫生硕士'), ('352', '军事硕士'),
  ('444', '建筑学学士')) AS v;
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'degree', l.column1 || d.column1, d.column2 || l.column2,
       CAST(l.column1 || d.column1 AS INTEGER), 1
FROM (VALUES ('01', '哲学'), ('02', '经济学'), ('03', '法学'), ('04', '教育学'), ('05', '文学'),
             ('06', '历史学'), ('07', '理学'), ('08', '工学'), ('09', '农学'), ('10', '医学'),
             ('11', '军事学'), ('12', '管理学'), ('13', '艺术学')) AS d
CROSS JOIN (VALUES ('2', '博士'), ('3', '硕士'), ('4', '学士')) AS l;

-- GB/T 4761-2008 家庭关系: the form's words for 夫 (丈夫), 妻 (妻子), 子 (儿子), 女 (女儿),
-- 兄 (哥哥), 嫂 (嫂子), 弟 (弟弟); 本人, 户主 and the category headings (40, 50, 60, 70, 80)
-- are left out.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'relation', column1, column2, CAST(column1 AS INTEGER), 1 FROM (VALUES
  ('10', '配偶'), ('11', '丈夫'), ('12', '妻子'),
  ('20', '儿子'), ('21', '独生子'), ('22', '长子'), ('23', '次子'), ('24', '三子'), ('25', '四子'),
  ('26', '五子'), ('27', '养子或继子'), ('28', '女婿'), ('29', '其他儿子'),
  ('30', '女儿'), ('31', '独生女'), ('32', '长女'), ('33', '次女'), ('34', '三女'), ('35', '四女'),
  ('36', '五女'), ('37', '养女或继女'), ('38', '儿媳'), ('39', '其他女儿'),
  ('41', '孙子'), ('42', '孙女'), ('43', '外孙子'), ('44', '外孙女'),
  ('45', '孙媳妇或外孙媳妇'), ('46', '孙女婿或外孙女婿'),
  ('51', '父亲'), ('52', '母亲'), ('53', '公公'), ('54', '婆婆'), ('55', '岳父'), ('56', '岳母'),
  ('57', '继父或养父'), ('58', '继母或养母'),
  ('61', '祖父'), ('62', '祖母'), ('63', '外祖父'), ('64', '外祖母'),
  ('71', '哥哥'), ('72', '嫂子'), ('73', '弟弟'), ('74', '弟媳'), ('75', '姐姐'), ('76', '姐夫'),
  ('77', '妹妹'), ('78', '妹夫'),
  ('81', '伯父'), ('82', '伯母'), ('83', '叔父'), ('84', '婶母'), ('85', '舅父'), ('86', '舅母'),
  ('87', '姨父'), ('88', '姨母'), ('89', '姑父'), ('90', '姑母'),
  ('91', '堂兄弟、堂姐妹'), ('92', '表兄弟、表姐妹'), ('93', '侄子'), ('94', '侄女'),
  ('95', '外甥'), ('96', '外甥女'), ('97', '其他亲属'), ('99', '非亲属')) AS v;

-- GB/T 2261.3-2003 健康状况: 1 健康或良好, 2 一般或较弱, 3 有慢性病, 6 残疾. Forms tell 健康
-- from 良好 and 一般 from 较差, so those two get a second digit under their standard code
-- (11 良好, 21 较差): the first digit is always the standard's code.
INSERT INTO dict_items (kind, code, label, sort_order, builtin)
SELECT 'health', column1, column2, column3, 1 FROM (VALUES
  ('1', '健康', 1), ('11', '良好', 2), ('2', '一般', 3), ('21', '较差', 4), ('3', '有慢性病', 5),
  ('6', '残疾', 6)) AS v;
)sql",
       ""},
      // 字典管理 is system configuration: the system administrator's duty among the 三员.
      {2026112921, "cadre: the system administrator manages the dictionaries (dict.manage)", R"sql(
UPDATE roles SET permissions = CASE WHEN permissions = '' THEN 'dict.manage'
                                    ELSE permissions || ',dict.manage' END
WHERE name = 'sysadmin' AND builtin = 1;
)sql",
       ""},
  };
}

}  // namespace xr::cadre
