#!/usr/bin/env python3
"""Writes N realistic, distinct .lrmx files (unique names and valid ID numbers, 简历 with 其间 lines,
family, assessments, a small JPEG-shaped photo) into DIR, for the LRMX import benchmark
(docs/benchmarks.md "LRMX (issue 5)"). Usage: gen_files.py DIR N [SEED]"""
import base64, os, random, sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
os.makedirs(out, exist_ok=True)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏建国红辉文斌波宇浩凯健俊帆帅旭宁龙林欣佳"
PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + os.urandom(2048) + b"\xff\xd9").decode()
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

def id_number(i, year, month, day, male):
    seq = 100 + 2 * (i % 400) + (1 if male else 0)  # odd = male
    body = f"430102{year:04d}{month:02d}{day:02d}{seq:03d}"
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, W)) % 11]

for i in range(n):
    male = rng.random() < 0.7
    year, month, day = rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28)
    # The day and the sequence number together keep ID numbers unique for up to 11,200 files.
    day = 1 + (i // 400) % 28
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    start = year + 22
    lines = [f"{year + 18}.09--{start}.07  湖南大学法学院法学专业学习",
             f"{start}.07--{start + 6}.03  江华市财政局科员、副主任科员",
             f"                  （其间：{start + 2}.09--{start + 5}.07在中共湖南省委党校经济管理专业在职研究生学习）",
             f"{start + 6}.03--         江华市财政局预算科科长"]
    xml = f'''<?xml version="1.0" encoding="utf-8"?>
<Person><XingMing>{name}</XingMing><XingBie>{"男" if male else "女"}</XingBie><ChuShengNianYue>{year}{month:02d}</ChuShengNianYue><MinZu>汉族</MinZu><JiGuan>湖南长沙</JiGuan><ChuShengDi>湖南长沙</ChuShengDi><RuDangShiJian>{start + 1}06</RuDangShiJian><CanJiaGongZuoShiJian>{start}07</CanJiaGongZuoShiJian><JianKangZhuangKuang>健康</JianKangZhuangKuang><ZhuanYeJiShuZhiWu/><ShuXiZhuanYeYouHeZhuanChang>财政预算</ShuXiZhuanYeYouHeZhuanChang><QuanRiZhiJiaoYu_XueLi>大学</QuanRiZhiJiaoYu_XueLi><QuanRiZhiJiaoYu_XueWei>法学学士</QuanRiZhiJiaoYu_XueWei><QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>湖南大学法学院法学专业</QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi><ZaiZhiJiaoYu_XueLi>研究生</ZaiZhiJiaoYu_XueLi><ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>中共湖南省委党校经济管理专业</ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi><XianRenZhiWu>江华市财政局预算科科长</XianRenZhiWu><NiRenZhiWu>江华市财政局副局长</NiRenZhiWu><NiMianZhiWu>江华市财政局预算科科长</NiMianZhiWu><JianLi>{chr(10).join(lines)}</JianLi><JiangChengQingKuang>无</JiangChengQingKuang><NianDuKaoHeJieGuo>2022年年度考核称职；2023、2024年度考核均为优秀。</NianDuKaoHeJieGuo><RenMianLiYou>工作需要</RenMianLiYou><JiaTingChengYuan><Item><ChengWei>{"妻子" if male else "丈夫"}</ChengWei><XingMing>{rng.choice(SURNAMES)}{rng.choice(GIVEN)}</XingMing><ChuShengRiQi>{year + 1}05</ChuShengRiQi><ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>江华市第一中学教师</GongZuoDanWeiJiZhiWu></Item></JiaTingChengYuan><ChengBaoDanWei>中共江华市委组织部</ChengBaoDanWei><JiSuanNianLingShiJian>20250101</JiSuanNianLingShiJian><TianBiaoShiJian>202501</TianBiaoShiJian><TianBiaoRen>王五</TianBiaoRen><ShenFenZheng>{id_number(i, year, month, day, male)}</ShenFenZheng><ZhaoPian>{PHOTO}</ZhaoPian><Version>3.2.1.16</Version></Person>
'''
    with open(os.path.join(out, f"{i:05d}.lrmx"), "w", encoding="utf-8") as f:
        f.write(xml)
